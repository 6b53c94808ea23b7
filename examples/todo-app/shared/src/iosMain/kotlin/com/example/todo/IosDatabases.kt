package com.example.todo

import androidx.room.Room
import androidx.sqlite.driver.bundled.BundledSQLiteDriver
import com.example.todo.data.AppDatabase
import com.example.todo.data.AppDatabaseBuilder
import com.example.todo.data.RoomAsyncCallback
import com.example.todo.sync.DATABASE_NAME
import com.example.todo.sync.PowerSyncDatabaseOpener
import com.example.todo.sync.appSchema
import com.powersync.DatabaseDriverFactory
import com.powersync.PowerSyncDatabase
import kotlinx.cinterop.ExperimentalForeignApi
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.IO
import platform.Foundation.NSDocumentDirectory
import platform.Foundation.NSFileManager
import platform.Foundation.NSUserDomainMask

class IosAppDatabaseBuilder : AppDatabaseBuilder {
    override fun build(callback: RoomAsyncCallback): AppDatabase {
        return Room.databaseBuilder<AppDatabase>(name = documentDirectory() + "/" + DATABASE_NAME)
            .setDriver(BundledSQLiteDriver())
            .addCallback(callback)
            .setQueryCoroutineContext(Dispatchers.IO)
            .build()
    }
}

class IosPowerSyncDatabaseOpener : PowerSyncDatabaseOpener {
    override fun open(): PowerSyncDatabase {
        return PowerSyncDatabase(
            factory = DatabaseDriverFactory(),
            schema = appSchema,
            dbFilename = DATABASE_NAME,
            dbDirectory = documentDirectory(),
        )
    }
}

@OptIn(ExperimentalForeignApi::class)
private fun documentDirectory(): String {
    val directory = NSFileManager.defaultManager.URLForDirectory(
        directory = NSDocumentDirectory,
        inDomain = NSUserDomainMask,
        appropriateForURL = null,
        create = false,
        error = null,
    )
    return requireNotNull(directory?.path)
}
