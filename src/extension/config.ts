/**
 * Reads `predictiveKeyboard.*` from VS Code and hands it to settings.ts for clamping.
 * `modelPath` is read from user (global) settings only: a workspace, trusted or not, must never be
 * able to point the extension at a file to load into a native runtime.
 */
import * as vscode from 'vscode';
import { clampSettings, SECTION, type Clamped, type RawSettings } from './settings';

const KEYS = ['enabled', 'languages', 'topK', 'temperature', 'maxWords', 'strip.enabled', 'strip.size', 'contextTokens', 'threads', 'comments.enabled', 'learning.enabled', 'learning.documentCache', 'learning.exclude'];

export function readSettings(nPositions?: number): Clamped {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  const raw: RawSettings = {};
  for (const k of KEYS) raw[k] = cfg.get(k);
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

/** Writes `enabled` where it takes effect: a workspace value would otherwise shadow a global one. */
export async function writeEnabled(enabled: boolean): Promise<void> {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  const i = cfg.inspect<boolean>('enabled');
  const target =
    i?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : i?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await cfg.update('enabled', enabled, target);
}
