/** Commands that change the model: a folder from disk, the embedded one, or a verified download. */
import * as vscode from 'vscode';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeModelPath } from './config';
import type { Ctx } from './ctx';
import { downloadModel, DownloadError, removeStaleStaging } from './download';
import { activeManifest } from './model_manifest';

export async function useModelFromDisk(ctx: Ctx): Promise<void> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: 'Use this model',
    title: 'Folder of a GPT-2 ONNX export (config.json + model.onnx, or the transformers.js layout)',
  });
  const dir = picked?.[0]?.fsPath;
  if (!dir) return;
  await useModelDir(ctx, dir);
}

/** Loads `dir` and, only if that worked, remembers it in user settings. */
export async function useModelDir(ctx: Ctx, dir: string): Promise<boolean> {
  try {
    const model = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Predictive Keyboard: loading ${dir}…` },
      () => ctx.switchModel(dir),
    );
    await writeModelPath(dir);
    void vscode.window.showInformationMessage(`Predictive Keyboard now uses "${model.name}" (${model.nLayer} layers).`);
    return true;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    ctx.log.error(`Cannot use ${dir}: ${msg}`);
    void vscode.window.showErrorMessage(`Predictive Keyboard cannot use ${dir}: ${msg}`);
    return false;
  }
}

export async function useEmbeddedModel(ctx: Ctx): Promise<void> {
  await writeModelPath('');
  await ctx.reloadSettings();
  void vscode.window.showInformationMessage('Predictive Keyboard uses the embedded prose model.');
}

/** Downloads GPT-2 into globalStorage (verified, all-or-nothing), then switches to it. */
export async function downloadGpt2(ctx: Ctx, globalStorage: vscode.Uri): Promise<boolean> {
  let manifest;
  let overridden = false;
  try {
    ({ manifest, overridden } = activeManifest());
  } catch (e) {
    void vscode.window.showErrorMessage(`Predictive Keyboard: bad download manifest override: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
  const modelsDir = join(globalStorage.fsPath, 'models');
  const dest = join(modelsDir, manifest.id);
  const stale = await removeStaleStaging(modelsDir, (d) => readdir(d));
  if (stale.length > 0) ctx.log.info(`Removed unfinished downloads: ${stale.join(', ')}`);
  ctx.log.info(`Downloading ${manifest.name} from ${manifest.baseUrl} into ${dest}${overridden ? ' (test manifest)' : ''}…`);
  try {
    const { bytes } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Downloading ${manifest.name}`, cancellable: true },
      (progress, token) => {
        const ac = new AbortController();
        token.onCancellationRequested(() => ac.abort());
        // The bar advances by each file's share; sizes are only known once each response starts.
        const share = 100 / manifest.files.length;
        let lastFile = '';
        let lastPct = 0;
        return downloadModel(manifest, dest, {
          allowLoopbackHttp: overridden,
          signal: ac.signal,
          onProgress: (file, received, total) => {
            if (file !== lastFile) {
              lastFile = file;
              lastPct = 0;
            }
            if (total) {
              const pct = Math.floor((received / total) * 100);
              if (pct !== lastPct) progress.report({ message: `${file}: ${pct}%`, increment: ((pct - lastPct) * share) / 100 });
              lastPct = pct;
            } else {
              progress.report({ message: `${file}: ${(received / 1e6).toFixed(1)} MB` });
            }
          },
        });
      },
    );
    ctx.log.info(`Downloaded and verified ${(bytes / 1e6).toFixed(1)} MB into ${dest}.`);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (e instanceof DownloadError && e.kind === 'cancelled') {
      ctx.log.info('Download cancelled; nothing was kept.');
      void vscode.window.showInformationMessage('Predictive Keyboard: download cancelled; nothing was kept.');
    } else {
      ctx.log.error(`Download failed: ${msg}`);
      void vscode.window.showErrorMessage(`Predictive Keyboard: download failed. ${msg}`);
    }
    return false;
  }
  return useModelDir(ctx, dest);
}
