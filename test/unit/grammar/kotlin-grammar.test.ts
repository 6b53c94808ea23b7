import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describe, hasScope, tokenizeFixture } from './textmate';

/** The scope a token gets from our own Kotlin grammar, checked on a small file. */
test('our Kotlin grammar: comments, annotations, declarations, literals and string templates', async () => {
  const file = await tokenizeFixture('rawsync', 'Basics.kt');
  const expect = (marker: string, text: string, scope: string, occurrence = 0) => {
    const token = file.token(marker, text, occurrence);
    assert.ok(hasScope(token, scope), `${scope} expected: ${describe(token)}`);
  };
  expect('package com.example', 'package', 'keyword.other');
  expect('/** A to-do item', 'A to-do item; `title` is synced, `note` stays on the device.', 'comment.block.documentation');
  expect('@Entity(tableName', 'Entity', 'storage.type.annotation');
  expect('@Entity(tableName', 'todos', 'string.quoted.double');
  expect('data class Todo', 'data', 'storage.modifier');
  expect('data class Todo', 'Todo', 'entity.name.type');
  expect('@field:ColumnInfo', 'field', 'storage.modifier.use-site');
  expect('@field:ColumnInfo', 'ColumnInfo', 'storage.type.annotation');
  expect('@field:ColumnInfo', 'null', 'constant.language');
  // Kotlin block comments nest: the text after the inner `*/` is still comment.
  expect('still_in_the_comment', 'still_in_the_comment', 'comment.block');
  expect('fun Todo.label', 'Todo', 'entity.name.type.receiver');
  expect('fun Todo.label', 'label', 'entity.name.function');
  expect("val mark = 'x'", "'x'", 'string.quoted.single');
  expect('val big', '0xFF_FFL', 'constant.numeric.hex');
  expect('val big', '1_000', 'constant.numeric.decimal');
  expect('val big', '2.5e3f', 'constant.numeric.decimal');
  expect('return if', 'return', 'keyword.control');
  expect('return if', 'title', 'meta.template.expression');
  expect('return if', 'count', 'meta.template.expression', 1);
  expect('return if', '\\"', 'constant.character.escape');
  expect('return if', 'none', 'string.quoted.double');
  const plus = file.token('return if', '+');
  assert.ok(hasScope(plus, 'keyword.operator') && hasScope(plus, 'meta.template.expression'), describe(plus));
});
