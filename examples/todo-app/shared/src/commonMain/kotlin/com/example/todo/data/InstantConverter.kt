package com.example.todo.data

import androidx.room.TypeConverter
import kotlinx.datetime.Instant

/** Stores instants as epoch milliseconds, the same number the backend keeps. */
class InstantConverter {
    @TypeConverter
    fun fromInstant(value: Instant): Long = value.toEpochMilliseconds()

    @TypeConverter
    fun toInstant(value: Long): Instant = Instant.fromEpochMilliseconds(value)
}
