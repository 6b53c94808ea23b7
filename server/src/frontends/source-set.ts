import type { Platform } from '../model/facts';

const SOURCE_SETS: [RegExp, Platform][] = [
  [/^android(Main|Debug|Release)?$/i, 'android'],
  [/^(ios|apple|native|iosArm64|iosX64|iosSimulatorArm64|macos|tvos|watchos)\w*Main$/i, 'ios'],
  [/^(jvm|desktop)Main$/i, 'jvm'],
  [/^commonMain$/i, 'common'],
];

/**
 * The platform of a file from the source set it sits in (`…/src/androidMain/kotlin/…`).
 * Android's plain `src/main` counts as android when the module has no KMP source sets.
 */
export function platformOf(filePath: string): { platform: Platform; sourceSet?: string } {
  const segments = filePath.split(/[\\/]/);
  for (let i = segments.length - 2; i >= 0; i--) {
    if (segments[i] !== 'src') continue;
    const sourceSet = segments[i + 1];
    if (!sourceSet) break;
    for (const [pattern, platform] of SOURCE_SETS) {
      if (pattern.test(sourceSet)) return { platform, sourceSet };
    }
    if (sourceSet === 'main') return { platform: 'android', sourceSet };
    return { platform: 'unknown', sourceSet };
  }
  return { platform: 'unknown' };
}
