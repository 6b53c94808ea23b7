import { extensionDriverFix } from '../generate/extension-driver-fix';
import type { FileFacts, Platform, RoomBuilderFact } from '../model/facts';
import { poolsOn } from '../model/room-connection-pools';
import { INTEGRATION_ROOM, integrationRoomDeclared } from '../model/sdk-versions';
import { calleeName, calleeReceiver, type Value } from '../model/value';
import type { WorkspaceModel } from '../model/workspace';
import type { Finding, RelatedLocation } from '../findings/finding';
import type { Rule } from '../findings/rule';

/**
 * Room's connections without the PowerSync extension while PowerSync's SQL runs on them: CRUD
 * triggers fire on Room's own writes (reference §4.3, §9 check 23), and a RoomConnectionPool runs
 * all of PowerSync on Room's connections (§5.2). The platform SQLite cannot load extensions; the
 * bundled driver loads it only when told to.
 */
export const roomDriverWithoutExtension: Rule = {
  meta: {
    id: 'room-driver-without-extension',
    defaultSeverity: 'error',
    description: 'Room opens its connections with a BundledSQLiteDriver that never loads the PowerSync extension, while PowerSync triggers or a RoomConnectionPool run PowerSync\'s SQL on them.',
    docs: 'docs/rules/room-driver-without-extension.md',
    fixable: true,
  },
  check(model) {
    const findings: Finding[] = [];
    for (const facts of model.files.values()) {
      // A load anywhere in the file may be on this driver (`driver.loadPowerSyncExtension()`): stay silent.
      if (facts.extensionLoads.length > 0 || facts.roomBuilders.length === 0) continue;
      const needs = whatNeedsTheExtension(model, facts.platform);
      if (!needs) continue;
      for (const builder of facts.roomBuilders) {
        const finding = builderFinding(model, facts, builder, needs);
        if (finding) findings.push(finding);
      }
    }
    return findings;
  },
};

interface Need {
  /** What runs PowerSync's SQL on Room's connections, for the message. */
  what: string;
  related: RelatedLocation[];
}

/** On Room's connections of `platform`: a pool that runs there (one in androidMain serves Android only), else any CRUD trigger. */
function whatNeedsTheExtension(model: WorkspaceModel, platform: Platform): Need | undefined {
  const pools = poolsOn(platform, model.roomConnectionPools, model.files);
  if (pools.length > 0) {
    return {
      what: 'PowerSync runs on Room\'s connections through the RoomConnectionPool, so its own SQL (powersync_control, powersync_crud, the schema functions) fails there',
      related: pools.map((p) => ({ loc: p.loc, message: 'the RoomConnectionPool that shares Room\'s connections with PowerSync' })),
    };
  }
  const trigger = model.triggers.find((t) => t.writesPowerSyncCrud || t.form === 'crud-trigger-call');
  if (!trigger) return undefined;
  return {
    what: 'PowerSync\'s CRUD triggers fire on Room\'s own writes, so the first Room insert, update or delete on a synced table fails because powersync_crud and PowerSync\'s SQL functions do not exist on that connection',
    related: [{ loc: trigger.loc, message: 'a trigger that needs the PowerSync extension' }],
  };
}

/**
 * A builder without `setDriver` is left alone: KMP apps often set the driver on the builder in
 * common code (`builder.setDriver(…)`), out of this fact's sight.
 */
function builderFinding(model: WorkspaceModel, facts: FileFacts, builder: RoomBuilderFact, need: Need): Finding | undefined {
  if (builder.driver && isBundledDriver(builder.driver)) {
    const available = integrationRoomDeclared(model.sdkVersions);
    const fix = available ? extensionDriverFix(facts, builder) : undefined;
    const how = available
      ? 'Use BundledSQLiteDriver().also { it.loadPowerSyncExtension() }.'
      : `loadPowerSyncExtension() comes with com.powersync:integration-room (PowerSync ${INTEGRATION_ROOM} and later), which this project does not declare: add it at the version of com.powersync:core (upgrading first if that is older), or load the extension library into the driver yourself.`;
    return {
      rule: 'room-driver-without-extension',
      severity: 'error',
      message: `Room's writes to synced tables fail: this driver never loads the PowerSync extension. Room opens its connections with this BundledSQLiteDriver without the PowerSync extension, but ${need.what}. ${how}`,
      loc: builder.driver.loc,
      related: need.related,
      fixes: fix ? [fix] : [],
    };
  }
  return undefined;
}

/** `BundledSQLiteDriver()`, or it with a scope function that does not load the extension (checked by the caller). */
function isBundledDriver(value: Value): boolean {
  if (value.kind !== 'call') return false;
  const name = calleeName(value);
  if (name === 'BundledSQLiteDriver') return true;
  const receiver = calleeReceiver(value);
  return (name === 'also' || name === 'apply') && receiver !== undefined && isBundledDriver(receiver);
}
