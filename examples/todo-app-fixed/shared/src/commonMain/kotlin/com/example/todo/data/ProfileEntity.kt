package com.example.todo.data

import androidx.room.ColumnInfo
import androidx.room.Entity
import androidx.room.PrimaryKey

@Entity(tableName = TableNames.PROFILE)
data class ProfileEntity(
    @PrimaryKey val id: String,
    val name: String,
    val email: String?,
    /** Starred on this device only; the backend has no such column. */
    @ColumnInfo(name = "is_favorite", defaultValue = "0") val isFavorite: Boolean = false,
)
