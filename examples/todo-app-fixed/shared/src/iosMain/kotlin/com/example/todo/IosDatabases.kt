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
import com.powersync.integrations.room.loadPowerSyncExtension
import kotlinx.cinterop.ExperimentalForeignApi
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.IO
import platform.Foundation.NSApplicationSupportDirectory
import platform.Foundation.NSFileManager
import platform.Foundation.NSSearchPathForDirectoriesInDomains
import platform.Foundation.NSUserDomainMask

class IosAppDatabaseBuilder : AppDatabaseBuilder {
    override fun build(callback: RoomAsyncCallback): AppDatabase {
        return Room.databaseBuilder<AppDatabase>(name = databaseDirPath() + "/" + DATABASE_NAME)
            .setDriver(BundledSQLiteDriver().also { it.loadPowerSyncExtension() })
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
            dbDirectory = databaseDirPath(),
        )
    }
}

// PowerSync's default folder on Apple platforms, so Room and PowerSync open the same file.
private fun databaseDirPath(): String = iosDirPath("databases")

@OptIn(ExperimentalForeignApi::class)
private fun iosDirPath(folder: String): String {
    val applicationSupport = NSSearchPathForDirectoriesInDomains(
        NSApplicationSupportDirectory,
        NSUserDomainMask,
        true,
    ).first() as String
    val directory = "$applicationSupport/$folder"

    val fileManager = NSFileManager.defaultManager
    if (!fileManager.fileExistsAtPath(directory)) {
        fileManager.createDirectoryAtPath(directory, withIntermediateDirectories = true, attributes = null, error = null)
    }
    return directory
}
