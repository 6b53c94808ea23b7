package com.example.todo.data

import androidx.room.ColumnInfo
import androidx.room.Entity
import androidx.room.ForeignKey
import androidx.room.Index
import androidx.room.PrimaryKey
import kotlinx.datetime.Instant

@Entity(
    tableName = "todo",
    indices = [Index(value = ["list_id"])],
    foreignKeys = [
        ForeignKey(
            entity = ListEntity::class,
            parentColumns = ["id"],
            childColumns = ["list_id"],
            onDelete = ForeignKey.CASCADE
        )
    ]
)
data class TodoEntity(
    @PrimaryKey val id: String,
    @ColumnInfo(name = "list_id") val listId: String,
    val title: String,
    val description: String?,
    val completed: Boolean,
    @ColumnInfo(name = "created_at") val createdAt: Instant,
    /** Private notes that never leave the device. */
    @ColumnInfo(name = "local_notes") val localNotes: String? = null,
)
