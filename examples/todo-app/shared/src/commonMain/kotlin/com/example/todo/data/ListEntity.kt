package com.example.todo.data

import androidx.room.ColumnInfo
import androidx.room.Embedded
import androidx.room.Entity
import androidx.room.ForeignKey
import androidx.room.Index
import androidx.room.PrimaryKey

@Entity(
    tableName = TableNames.TODO_LIST,
    indices = [Index(value = ["owner_id"])],
    foreignKeys = [
        ForeignKey(
            entity = ProfileEntity::class,
            parentColumns = ["id"],
            childColumns = ["owner_id"],
            deferred = true
        )
    ]
)
data class ListEntity(
    @PrimaryKey val id: String,
    val name: String,
    @Embedded(prefix = "theme_") val theme: ListTheme,
    @ColumnInfo(name = "owner_id") val ownerId: String,
)

/** How a list is drawn: an accent color such as `#4F7DF3` and an optional icon name. */
data class ListTheme(
    val color: String,
    val icon: String?,
)
