package com.example.todo.data

import androidx.room.Dao
import androidx.room.Embedded
import androidx.room.Insert
import androidx.room.Query
import androidx.room.Relation
import androidx.room.Transaction
import kotlinx.coroutines.flow.Flow

@Dao
interface ProfileDao {
    @Insert
    suspend fun insert(profile: ProfileEntity)

    @Query("SELECT * FROM profile WHERE id = :id")
    fun observe(id: String): Flow<ProfileEntity?>

    @Query("UPDATE profile SET is_favorite = :favorite WHERE id = :id")
    suspend fun setFavorite(id: String, favorite: Boolean)
}

@Dao
interface TodoListDao {
    @Insert
    suspend fun insert(list: ListEntity)

    @Query("SELECT * FROM todo_list WHERE owner_id = :ownerId ORDER BY name")
    fun observeOwnedBy(ownerId: String): Flow<List<ListEntity>>

    @Transaction
    @Query("SELECT * FROM todo_list WHERE id = :id")
    fun observeWithTodos(id: String): Flow<ListWithTodos?>
}

@Dao
interface TodoDao {
    @Insert
    suspend fun insert(todo: TodoEntity)

    @Query("SELECT * FROM todo WHERE list_id = :listId ORDER BY created_at")
    fun observeInList(listId: String): Flow<List<TodoEntity>>

    @Query("UPDATE todo SET completed = :completed WHERE id = :id")
    suspend fun setCompleted(id: String, completed: Boolean)

    @Query("UPDATE todo SET local_notes = :notes WHERE id = :id")
    suspend fun setLocalNotes(id: String, notes: String?)

    @Query("DELETE FROM todo WHERE id = :id")
    suspend fun delete(id: String)
}

data class ListWithTodos(
    @Embedded val list: ListEntity,
    @Relation(parentColumn = "id", entityColumn = "list_id")
    val todos: List<TodoEntity>,
)
