/**
 * Reads `predictiveKeyboard.*` from VS Code and hands it to settings.ts for clamping.
 * `modelPath` is read from user (global) settings only: a workspace, trusted or not, must never be
 * able to point the extension at a file to load into a native runtime.
 */
import * as vscode from 'vscode';
import { clampSettings, SECTION, SETTING_KEYS, type Clamped, type RawSettings } from './settings';

export function readSettings(nPositions?: number): Clamped {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  const raw: RawSettings = {};
  for (const k of SETTING_KEYS) raw[k] = cfg.get(k);
  raw['modelPath'] = cfg.inspect<string>('modelPath')?.globalValue;
  return clampSettings(raw, nPositions);
}

export function affects(e: vscode.ConfigurationChangeEvent, key?: string): boolean {
  return e.affectsConfiguration(key === undefined ? SECTION : `${SECTION}.${key}`);
}

/** Writes the model folder to user settings ('' removes the value, back to the embedded model). */
export async function writeModelPath(dir: string): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update('modelPath', dir === '' ? undefined : dir, vscode.ConfigurationTarget.Global);
}

/**
 * Writes a setting where it takes effect: in the most specific scope that already sets it (folder,
 * then workspace), else in user settings. Written anywhere else, a workspace value would shadow it.
 */
export async function writeSetting(key: 'enabled' | 'temperature', value: boolean | number): Promise<void> {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  const i = cfg.inspect(key);
  const target =
    i?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : i?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await cfg.update(key, value, target);
}
