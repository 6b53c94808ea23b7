package com.example.todo.sync

import com.example.todo.data.RoomAsyncCallback
import com.powersync.PowerSyncDatabase
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.launch

/** Opens PowerSync on one platform, on the file Room already created. */
interface PowerSyncDatabaseOpener {
    fun open(): PowerSyncDatabase
}

/** Hands out the PowerSync database once Room has finished creating its tables. */
class PowerSyncDatabaseProvider(
    private val callback: RoomAsyncCallback,
    private val opener: PowerSyncDatabaseOpener,
    scope: CoroutineScope,
) {
    private val opened = CompletableDeferred<PowerSyncDatabase>()

    val database: Deferred<PowerSyncDatabase>
        get() = opened

    init {
        scope.launch {
            callback.isReady.join()
            opened.complete(opener.open())
        }
    }
}
