package com.example.todo.sync

import com.powersync.ExperimentalPowerSyncAPI
import com.powersync.connectors.PowerSyncBackendConnector
import com.powersync.sync.SyncOptions
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.distinctUntilChanged
import kotlinx.coroutines.launch

/** Whether the app is in the foreground, from the platform's lifecycle. */
interface ForegroundState {
    val isForeground: Flow<Boolean>
}

/** Syncs while the app is in the foreground and disconnects when it leaves. */
class PowerSyncDatabaseConnection(
    private val provider: PowerSyncDatabaseProvider,
    private val foregroundState: ForegroundState,
    private val connector: PowerSyncBackendConnector,
    private val scope: CoroutineScope,
) {
    @OptIn(ExperimentalPowerSyncAPI::class)
    fun start() {
        scope.launch {
            val database = provider.database.await()
            foregroundState.isForeground
                .distinctUntilChanged()
                .collect { isForeground ->
                    if (isForeground) {
                        // Raw tables are only applied by the Rust sync client.
                        database.connect(connector, options = SyncOptions(newClientImplementation = true))
                    } else {
                        database.disconnect()
                    }
                }
        }
    }
}
