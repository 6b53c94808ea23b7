package com.example.todo.data

import androidx.room.RoomDatabase
import androidx.sqlite.SQLiteConnection
import androidx.sqlite.execSQL
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
        installCrudTriggers(connection)
        ready.complete()
    }

    // Local writes reach PowerSync's upload queue only through these triggers; they are
    // re-created on every open so a Room migration that rebuilt a table cannot drop them.
    private fun installCrudTriggers(connection: SQLiteConnection) {
        connection.execSQL("DROP TRIGGER IF EXISTS profile_crud_insert")
        connection.execSQL(
            """
            CREATE TRIGGER profile_crud_insert
            AFTER INSERT ON profile
            FOR EACH ROW
            BEGIN
                INSERT INTO powersync_crud (op, id, type, data)
                VALUES ('PUT', NEW.id, 'profile', json_object('name', NEW.name, 'email_address', NEW.email));
            END
            """.trimIndent()
        )
        connection.execSQL("DROP TRIGGER IF EXISTS profile_crud_update")
        connection.execSQL(
            """
            CREATE TRIGGER profile_crud_update
            AFTER UPDATE ON profile
            FOR EACH ROW
            WHEN OLD.name IS NOT NEW.name OR OLD.email IS NOT NEW.email
            BEGIN
                SELECT CASE WHEN (OLD.id != NEW.id) THEN RAISE (FAIL, 'Cannot update id') END;
                INSERT INTO powersync_crud (op, id, type, data)
                VALUES ('PATCH', NEW.id, 'profile', json_object('name', NEW.name, 'email_address', NEW.email));
            END
            """.trimIndent()
        )
        connection.execSQL("DROP TRIGGER IF EXISTS profile_crud_delete")
        connection.execSQL(
            """
            CREATE TRIGGER profile_crud_delete
            AFTER DELETE ON profile
            FOR EACH ROW
            BEGIN
                INSERT INTO powersync_crud (op, id, type) VALUES ('DELETE', OLD.id, 'profile');
            END
            """.trimIndent()
        )

        connection.execSQL("DROP TRIGGER IF EXISTS todo_list_crud_insert")
        connection.execSQL(
            """
            CREATE TRIGGER todo_list_crud_insert
            AFTER INSERT ON todo_list
            FOR EACH ROW
            BEGIN
                INSERT INTO powersync_crud (op, id, type, data)
                VALUES ('PUT', NEW.id, 'todo_list', json_object(
                    'name', NEW.name,
                    'owner_id', NEW.owner_id,
                    'theme_color', NEW.theme_color,
                    'theme_icon', NEW.theme_icon
                ));
            END
            """.trimIndent()
        )
        connection.execSQL("DROP TRIGGER IF EXISTS todo_list_crud_update")
        connection.execSQL(
            """
            CREATE TRIGGER todo_list_crud_update
            AFTER UPDATE ON todo_list
            FOR EACH ROW
            WHEN OLD.name IS NOT NEW.name
                OR OLD.owner_id IS NOT NEW.owner_id
                OR OLD.theme_color IS NOT NEW.theme_color
                OR OLD.theme_icon IS NOT NEW.theme_icon
            BEGIN
                SELECT CASE WHEN (OLD.id != NEW.id) THEN RAISE (FAIL, 'Cannot update id') END;
                INSERT INTO powersync_crud (op, id, type, data)
                VALUES ('PATCH', NEW.id, 'todo_list', json_object(
                    'name', NEW.name,
                    'owner_id', NEW.owner_id,
                    'theme_color', NEW.theme_color,
                    'theme_icon', NEW.theme_icon
                ));
            END
            """.trimIndent()
        )
        connection.execSQL("DROP TRIGGER IF EXISTS todo_list_crud_delete")
        connection.execSQL(
            """
            CREATE TRIGGER todo_list_crud_delete
            AFTER DELETE ON todo_list
            FOR EACH ROW
            BEGIN
                INSERT INTO powersync_crud (op, id, type) VALUES ('DELETE', OLD.id, 'todo_list');
            END
            """.trimIndent()
        )

        connection.execSQL("DROP TRIGGER IF EXISTS todo_crud_insert")
        connection.execSQL(
            """
            CREATE TRIGGER todo_crud_insert
            AFTER INSERT ON todo
            FOR EACH ROW
            BEGIN
                INSERT INTO powersync_crud (op, id, type, data)
                VALUES ('PUT', NEW.id, 'todo', json_object(
                    'list_id', NEW.list_id,
                    'title', NEW.title,
                    'description', NEW.description,
                    'completed', NEW.completed,
                    'created_at', NEW.created_at
                ));
            END
            """.trimIndent()
        )
        connection.execSQL("DROP TRIGGER IF EXISTS todo_crud_update")
        connection.execSQL(
            """
            CREATE TRIGGER todo_crud_update
            AFTER UPDATE ON todo
            FOR EACH ROW
            WHEN OLD.list_id IS NOT NEW.list_id
                OR OLD.title IS NOT NEW.title
                OR OLD.description IS NOT NEW.description
                OR OLD.completed IS NOT NEW.completed
                OR OLD.created_at IS NOT NEW.created_at
            BEGIN
                SELECT CASE WHEN (OLD.id != NEW.id) THEN RAISE (FAIL, 'Cannot update id') END;
                INSERT INTO powersync_crud (op, id, type, data)
                VALUES ('PATCH', NEW.id, 'todo', json_object(
                    'list_id', NEW.list_id,
                    'title', NEW.title,
                    'description', NEW.description,
                    'completed', NEW.completed,
                    'created_at', NEW.created_at
                ));
            END
            """.trimIndent()
        )
        connection.execSQL("DROP TRIGGER IF EXISTS todo_crud_delete")
        connection.execSQL(
            """
            CREATE TRIGGER todo_crud_delete
            AFTER DELETE ON todo
            FOR EACH ROW
            BEGIN
                INSERT INTO powersync_crud (op, id, type) VALUES ('DELETE', OLD.id, 'todo');
            END
            """.trimIndent()
        )
    }
}
