package com.example.todo

import android.content.Context
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
import kotlinx.coroutines.Dispatchers

class AndroidAppDatabaseBuilder(private val context: Context) : AppDatabaseBuilder {
    override fun build(callback: RoomAsyncCallback): AppDatabase {
        return Room.databaseBuilder<AppDatabase>(context, context.getDatabasePath(DATABASE_NAME).absolutePath)
            .setDriver(BundledSQLiteDriver().also { it.loadPowerSyncExtension() })
            .addCallback(callback)
            .setQueryCoroutineContext(Dispatchers.IO)
            .build()
    }
}

class AndroidPowerSyncDatabaseOpener(private val context: Context) : PowerSyncDatabaseOpener {
    override fun open(): PowerSyncDatabase {
        return PowerSyncDatabase(
            factory = DatabaseDriverFactory(context),
            schema = appSchema,
            dbFilename = DATABASE_NAME,
        )
    }
}
