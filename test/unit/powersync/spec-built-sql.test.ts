import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles } from '../../support/workspace';
import { simulateFiles } from '../preview/simulate';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';
import { evaluateString, evaluateStringList } from '../../../server/src/model/evaluate';

// Apps build their statements in code: a spec object per table, an interface whose default
// methods write the SQL, parameters from buildList { … forEach { … } }. Rawsync evaluates what
// is fixed at compile time and checks it; what it cannot, it names.

const ENTITIES = `package app.data

import androidx.room.*

@Entity(tableName = "customers")
data class CustomerEntity(@PrimaryKey val id: String, val name: String, val city: String?)

@Entity(tableName = "products")
data class ProductEntity(@PrimaryKey val id: String, val title: String, val price: Double)
`;

/** The spec interface and two objects; `customerColumns` is what CustomersSpec lists. */
function specs(customerColumns: string): string {
  return `package app.sync

interface TableSpec {
    val table: String
    val columns: List<String>

    fun putSql(): String {
        val all = listOf("id") + columns
        return "INSERT OR REPLACE INTO $table (\${all.joinToString(", ")}) VALUES (\${all.joinToString(", ") { "?" }})"
    }

    fun deleteSql() = "DELETE FROM $table WHERE id = ?"
}

object CustomersSpec : TableSpec {
    override val table = "customers"
    override val columns = ${customerColumns}
}

object ProductsSpec : TableSpec {
    override val table = "products"
    override val columns = listOf("title", "price")
}
`;
}

const SCHEMA = `package app.sync

import com.powersync.db.schema.*

val customers = RawTable(
    name = CustomersSpec.table,
    put = PendingStatement(CustomersSpec.putSql(), buildList {
        add(PendingStatementParameter.Id)
        CustomersSpec.columns.forEach { add(PendingStatementParameter.Column(it)) }
    }),
    delete = PendingStatement(CustomersSpec.deleteSql(), listOf(PendingStatementParameter.Id)),
)

val products = RawTable(
    name = ProductsSpec.table,
    put = PendingStatement(ProductsSpec.putSql(), ProductsSpec.columns.map { PendingStatementParameter.Column(it) }.let { listOf(PendingStatementParameter.Id) + it }),
    delete = PendingStatement(ProductsSpec.deleteSql(), listOf(PendingStatementParameter.Id)),
)

val appSchema = Schema(customers, products)
`;

const files = (customerColumns: string) => ({
  'src/commonMain/kotlin/app/data/Entities.kt': ENTITIES,
  'src/commonMain/kotlin/app/sync/Specs.kt': specs(customerColumns),
  'src/commonMain/kotlin/app/sync/Schema.kt': SCHEMA,
});

async function check(input: Record<string, string>) {
  const { analyzer, model } = await analyzeFiles(input);
  return { model, findings: runRules(RULES, model, analyzer.ruleContext()).findings };
}

test('statements built by a spec object\'s interface methods and buildList are evaluated and checked', async () => {
  const { model, findings } = await check(files('listOf("name", "city")'));
  const customers = model.rawTables.find((t) => t.name === 'customers')!;
  assert.equal(customers.put?.sql, 'INSERT OR REPLACE INTO customers (id, name, city) VALUES (?, ?, ?)');
  assert.deepEqual(customers.put?.parameters?.map((p) => (p.kind === 'Column' ? p.name : p.kind)), ['Id', 'name', 'city']);
  assert.equal(customers.delete?.sql, 'DELETE FROM customers WHERE id = ?');
  assert.ok(customers.coreJson, 'the core JSON is known');
  assert.equal(customers.unresolved, undefined);
  // The REPLACE puts are now judged; nothing is left unchecked for them.
  const byRule = findings.map((f) => `${f.rule} ${f.message.slice(0, 40)}`);
  assert.deepEqual(findings.filter((f) => f.rule === 'replace-resets-local-columns').length, 2, byRule.join('\n'));
  assert.deepEqual(findings.filter((f) => f.rule === 'not-analyzed' && /customers|products/.test(f.message)), []);
});

test('the same app with a spec whose columns come from run time names what it could not evaluate', async () => {
  const { model, findings } = await check(files('loadColumnsFromServer()'));
  const customers = model.rawTables.find((t) => t.name === 'customers')!;
  assert.equal(customers.put?.sql, undefined);
  assert.equal(customers.coreJson, undefined);
  const notChecked = findings.filter((f) => f.rule === 'not-analyzed').map((f) => f.message);
  assert.deepEqual(notChecked, [
    "Not checked: the put's SQL of raw table 'customers'. It is computed by CustomersSpec.putSql(…), which Rawsync could not evaluate.",
    "Not checked: the put's parameters of raw table 'customers'. It is computed by buildList(…), which Rawsync could not evaluate.",
  ]);
  // products is still checked in full.
  assert.ok(model.rawTables.find((t) => t.name === 'products')?.coreJson);
});

test('the preview simulates the evaluated raw tables like written ones', async () => {
  const simulation = await simulateFiles(files('listOf("name", "city")'));
  assert.deepEqual(simulation.notSimulated.filter((n) => n.kind === 'raw-table'), []);
  const build = simulation.steps.find((s) => s.id === 'build')!;
  assert.deepEqual((build.details.rawTables as { name: string }[]).map((t) => t.name).sort(), ['customers', 'products']);
});

test('the bounded evaluator: collection and string helpers, and a budget', async () => {
  const source = `package app
const val PREFIX = "app_"
val names = List(3) { "c$it" }
val joined = names.joinToString(separator = " | ", prefix = "[", postfix = "]") { it.uppercase() }
val built = buildString { append(PREFIX); repeat(2) { append("x") }; append("TAIL".lowercase()) }
val trimmed = """
    SELECT 1
""".trimIndent()
val doubled = listOf("a", "b").flatMap { listOf(it, it) }
val unknownVar = run { var x = "a"; x }
val huge = List(100000) { "x" }.joinToString()
val replaced = "a-b".replace("-", "_")
`;
  const { model } = await analyzeFiles({ 'src/commonMain/kotlin/app/Values.kt': source });
  // The file holds nothing but declarations, so it is read when a name is asked for.
  const uri = [...model.files.keys()][0];
  assert.equal(model.files.get(uri)!.screened, true);
  const scope = model.names.scope(uri, []);
  const value = (name: string) => model.names.resolveConstant([name], uri)!.fact.value;
  assert.equal(evaluateString(value('joined'), scope), '[C0 | C1 | C2]');
  assert.equal(evaluateString(value('built'), scope), 'app_xxtail');
  assert.equal(evaluateString(value('trimmed'), scope), 'SELECT 1');
  assert.deepEqual(evaluateStringList(value('doubled'), scope), ['a', 'a', 'b', 'b']);
  assert.equal(evaluateString(value('replaced'), scope), 'a_b');
  // A var, a function it cannot find, a list past the budget: unknown, never a guess.
  assert.equal(evaluateString(value('unknownVar'), scope), undefined);
  assert.equal(evaluateString(value('huge'), scope), undefined);
});
