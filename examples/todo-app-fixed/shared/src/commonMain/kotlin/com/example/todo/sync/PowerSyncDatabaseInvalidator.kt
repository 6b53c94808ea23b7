package com.example.todo.sync

import androidx.room.execSQL
import androidx.room.useWriterConnection
import com.example.todo.data.AppDatabase
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.launch

/**
 * Tells Room's invalidation tracker about rows PowerSync wrote, so Room flows re-emit.
 * Room numbers tables by their position in `@Database(entities = …)`.
 */
class PowerSyncDatabaseInvalidator(
    private val provider: PowerSyncDatabaseProvider,
    private val roomDatabase: AppDatabase,
    private val scope: CoroutineScope,
) {
    fun start() {
        scope.launch {
            val powerSyncDatabase = provider.database.await()
            val tableIds = appSchema.rawTables.withIndex().associate { it.value.name to it.index }

            powerSyncDatabase.onChange(tableIds.keys)
                .collect { updatedTables ->
                    val ids = updatedTables.mapNotNull { tableIds[it] }
                    if (ids.isEmpty()) return@collect

                    roomDatabase.useWriterConnection { writer ->
                        for (tableId in ids) {
                            writer.execSQL(
                                """
                                UPDATE room_table_modification_log
                                SET invalidated = 1
                                WHERE table_id = $tableId
                                """.trimIndent()
                            )
                        }
                    }
                    roomDatabase.invalidationTracker.refreshAsync()
                }
        }
    }
}
