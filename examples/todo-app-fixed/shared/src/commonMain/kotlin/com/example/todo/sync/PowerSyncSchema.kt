@file:OptIn(ExperimentalPowerSyncAPI::class)

package com.example.todo.sync

import com.example.todo.data.TableNames
import com.powersync.ExperimentalPowerSyncAPI
import com.powersync.db.schema.PendingStatement
import com.powersync.db.schema.PendingStatementParameter
import com.powersync.db.schema.RawTable
import com.powersync.db.schema.Schema

val profileTable = RawTable(
    name = "profile",
    put = PendingStatement(
        """
        INSERT INTO profile (id, name, email)
        VALUES (?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET
            name = excluded.name,
            email = excluded.email
        """.trimIndent(),
        listOf(
            PendingStatementParameter.Id,
            PendingStatementParameter.Column("name"),
            PendingStatementParameter.Column("email_address"),
        ),
    ),
    delete = PendingStatement(
        "DELETE FROM profile WHERE id = ?",
        listOf(PendingStatementParameter.Id),
    ),
    clear = "DELETE FROM profile",
)

val listTable = RawTable(
    name = TableNames.TODO_LIST,
    put = PendingStatement(
        """
        INSERT INTO todo_list (id, name, owner_id, theme_color, theme_icon)
        VALUES (?, ?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET
            name = excluded.name,
            owner_id = excluded.owner_id,
            theme_color = excluded.theme_color,
            theme_icon = excluded.theme_icon
        """.trimIndent(),
        listOf(
            PendingStatementParameter.Id,
            PendingStatementParameter.Column("name"),
            PendingStatementParameter.Column("owner_id"),
            PendingStatementParameter.Column("theme_color"),
            PendingStatementParameter.Column("theme_icon"),
        ),
    ),
    delete = PendingStatement(
        "DELETE FROM todo_list WHERE id = ?",
        listOf(PendingStatementParameter.Id),
    ),
    clear = "DELETE FROM todo_list",
)

val todoTable = RawTable(
    name = "todo",
    put = PendingStatement(
        """
        INSERT INTO todo (id, list_id, title, description, completed, created_at)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET
            list_id = excluded.list_id,
            title = excluded.title,
            description = excluded.description,
            completed = excluded.completed,
            created_at = excluded.created_at
        """.trimIndent(),
        listOf(
            PendingStatementParameter.Id,
            PendingStatementParameter.Column("list_id"),
            PendingStatementParameter.Column("title"),
            PendingStatementParameter.Column("description"),
            PendingStatementParameter.Column("completed"),
            PendingStatementParameter.Column("created_at"),
        ),
    ),
    delete = PendingStatement(
        "DELETE FROM todo WHERE id = ?",
        listOf(PendingStatementParameter.Id),
    ),
    clear = "DELETE FROM todo",
)

val appSchema: Schema = Schema(
    profileTable,
    listTable,
    todoTable,
)
