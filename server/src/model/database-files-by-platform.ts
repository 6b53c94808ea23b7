import type { Platform } from './facts';
import type { DatabasePath } from './workspace';

/** The Room builders and PowerSyncDatabase constructors that open a file on one platform. */
export interface PlatformOpeners {
  platform: Platform;
  room: DatabasePath[];
  powersync: DatabasePath[];
}

const SPECIFIC: Platform[] = ['android', 'ios', 'jvm'];

/**
 * Openers grouped by the platform they run on. Shared (commonMain) code runs on every platform
 * the workspace opens a database on, so its openers join each specific group; a workspace with
 * shared openers only forms one group of its own. Openers of an unknown source set (tests,
 * custom sets) are left out: nothing says which app file they stand beside.
 */
export function openersByPlatform(paths: DatabasePath[]): PlatformOpeners[] {
  const openers = paths.filter((p) => (p.opener === 'room' || p.opener === 'powersync') && p.platform !== 'unknown');
  const specific = SPECIFIC.filter((platform) => openers.some((p) => p.platform === platform));
  const groups: Platform[] = specific.length > 0 ? specific : openers.length > 0 ? ['common'] : [];
  return groups.map((platform) => {
    const runsOn = (p: DatabasePath) => p.platform === platform || p.platform === 'common';
    return {
      platform,
      room: openers.filter((p) => p.opener === 'room' && runsOn(p)),
      powersync: openers.filter((p) => p.opener === 'powersync' && runsOn(p)),
    };
  });
}
