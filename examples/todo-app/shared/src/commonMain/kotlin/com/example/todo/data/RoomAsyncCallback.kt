package com.example.todo.data

import androidx.room.RoomDatabase
import androidx.sqlite.SQLiteConnection
import kotlinx.coroutines.CompletableJob
import kotlinx.coroutines.Job

/**
 * Completes [isReady] once Room has created or opened the file: PowerSync must not open it
 * before Room's tables exist. Use one instance for Room and PowerSync.
 */
class RoomAsyncCallback : RoomDatabase.Callback() {
    private val ready: CompletableJob = Job()

    val isReady: Job
        get() = ready

    override fun onCreate(connection: SQLiteConnection) {
        super.onCreate(connection)
        ready.complete()
    }

    override fun onOpen(connection: SQLiteConnection) {
        super.onOpen(connection)
        ready.complete()
    }
}
