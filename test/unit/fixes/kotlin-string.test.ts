import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kotlinRawString, kotlinStringLiteral } from '../../../server/src/frontends/kotlin/edit-writer';
import { factsOf } from '../../support/workspace';

test('a raw string writes every $ as ${\'$\'} (a replacement pattern must not eat the text after it)', async () => {
  const literal = kotlinRawString(["SELECT '$' || name, '$x' FROM t"], '    ');
  assert.equal(literal, `"""\n        SELECT '\${'$'}' || name, '\${'$'}x' FROM t\n    """.trimIndent()`);
  const facts = await factsOf(`package app\n\nval sql = ${literal}\n`, 'src/commonMain/kotlin/app/Sql.kt');
  assert.equal(facts.syntaxErrors.length, 0);
});

test('a plain string literal escapes quotes, backslashes, dollars and line breaks', () => {
  assert.equal(kotlinStringLiteral('a "b" \\ $c\nd'), '"a \\"b\\" \\\\ \\$c\\nd"');
});
