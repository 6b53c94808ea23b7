package com.example.todo.data

/** Table names shared by the Room entities and the PowerSync raw tables. */
object TableNames {
    const val PROFILE = "profile"
    const val TODO_LIST = "todo_list"
}
