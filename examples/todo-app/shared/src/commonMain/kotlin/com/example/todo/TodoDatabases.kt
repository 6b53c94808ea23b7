package com.example.todo

import com.example.todo.data.AppDatabase
import com.example.todo.data.AppDatabaseBuilder
import com.example.todo.data.RoomAsyncCallback
import com.example.todo.sync.ForegroundState
import com.example.todo.sync.PowerSyncDatabaseConnection
import com.example.todo.sync.PowerSyncDatabaseInvalidator
import com.example.todo.sync.PowerSyncDatabaseOpener
import com.example.todo.sync.PowerSyncDatabaseProvider
import com.powersync.connectors.PowerSyncBackendConnector
import kotlinx.coroutines.CoroutineScope

/** Room and PowerSync on one file: Room first, then PowerSync, then sync and invalidation. */
class TodoDatabases(
    roomBuilder: AppDatabaseBuilder,
    powerSyncOpener: PowerSyncDatabaseOpener,
    connector: PowerSyncBackendConnector,
    foregroundState: ForegroundState,
    scope: CoroutineScope,
) {
    private val callback = RoomAsyncCallback()

    val room: AppDatabase = roomBuilder.build(callback)

    val powerSync = PowerSyncDatabaseProvider(callback, powerSyncOpener, scope)

    private val connection = PowerSyncDatabaseConnection(powerSync, foregroundState, connector, scope)

    private val invalidator = PowerSyncDatabaseInvalidator(powerSync, room, scope)

    fun start() {
        connection.start()
        invalidator.start()
    }
}
