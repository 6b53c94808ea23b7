package com.example.todo.sync

/** The SQLite file Room and PowerSync share; each platform decides the folder. */
const val DATABASE_NAME = "todo.db"
