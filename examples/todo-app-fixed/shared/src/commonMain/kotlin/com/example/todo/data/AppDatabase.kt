package com.example.todo.data

import androidx.room.ConstructedBy
import androidx.room.Database
import androidx.room.RoomDatabase
import androidx.room.RoomDatabaseConstructor
import androidx.room.TypeConverters

@Database(
    entities = [ProfileEntity::class, ListEntity::class, TodoEntity::class],
    version = 1
)
@TypeConverters(InstantConverter::class)
@ConstructedBy(AppDatabaseConstructor::class)
abstract class AppDatabase : RoomDatabase() {
    abstract fun profileDao(): ProfileDao

    abstract fun todoListDao(): TodoListDao

    abstract fun todoDao(): TodoDao
}

// Room's compiler generates the actual implementations.
@Suppress("KotlinNoActualForExpect")
expect object AppDatabaseConstructor : RoomDatabaseConstructor<AppDatabase> {
    override fun initialize(): AppDatabase
}

/** Builds the Room database on one platform, with the callback PowerSync waits for. */
interface AppDatabaseBuilder {
    fun build(callback: RoomAsyncCallback): AppDatabase
}
