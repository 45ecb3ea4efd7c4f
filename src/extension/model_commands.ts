/** Commands that change the model: a folder from disk, the embedded one, or a verified download. */
import * as vscode from 'vscode';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeModelPath } from './config';
import type { Ctx } from './ctx';
import { downloadModel, DownloadError, removeStaleStaging, type DownloadRecord } from './download';
import { GPT2_MODELS, hubEndpoint, type OfferedModel } from './model_manifest';

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

/** Asks which GPT-2 to download (with its download and disk size), then downloads it. */
export async function downloadGpt2(ctx: Ctx, globalStorage: vscode.Uri): Promise<boolean> {
  const items = GPT2_MODELS.map((m) => ({
    label: m.name,
    description: `${m.approxMB} MB download, ${m.approxMB} MB on disk`,
    detail: `${m.detail} · huggingface.co/${m.repo}`,
    model: m,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Download a GPT-2 model (verified against the Hugging Face Hub)', placeHolder: 'Which model?' });
  return picked ? downloadHubModel(ctx, globalStorage, picked.model) : false;
}

/** Downloads `model` into globalStorage (verified, all-or-nothing), then switches to it. */
export async function downloadHubModel(ctx: Ctx, globalStorage: vscode.Uri, model: OfferedModel): Promise<boolean> {
  let hub: ReturnType<typeof hubEndpoint>;
  try {
    hub = hubEndpoint();
  } catch (e) {
    void vscode.window.showErrorMessage(`Predictive Keyboard: bad test endpoint certificate: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
  const { endpoint, overridden, ca } = hub;
  const modelsDir = join(globalStorage.fsPath, 'models');
  const dest = join(modelsDir, model.id);
  const stale = await removeStaleStaging(modelsDir, (d) => readdir(d));
  if (stale.length > 0) ctx.log.info(`Removed unfinished downloads: ${stale.join(', ')}`);
  ctx.log.info(`Downloading ${model.name} from ${endpoint}/${model.repo} (${model.revision}) into ${dest}${overridden ? ' (test endpoint)' : ''}…`);
  let record: DownloadRecord;
  try {
    record = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Downloading ${model.name}`, cancellable: true },
      (progress, token) => {
        const ac = new AbortController();
        token.onCancellationRequested(() => ac.abort());
        let lastPct = 0;
        return downloadModel(model, dest, {
          endpoint,
          ca,
          signal: ac.signal,
          onProgress: ({ file, received, total }) => {
            const pct = total > 0 ? Math.floor((received / total) * 100) : 0;
            if (pct === lastPct) return;
            progress.report({ message: `${file.split('/').pop()}: ${(received / 1e6).toFixed(0)} of ${(total / 1e6).toFixed(0)} MB`, increment: pct - lastPct });
            lastPct = pct;
          },
        });
      },
    );
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
  ctx.log.info(`Downloaded ${model.repo} at commit ${record.commit} into ${dest}; verified:`);
  for (const f of record.files) {
    ctx.log.info(`  ${f.path}: ${f.size} bytes, sha256 ${f.sha256}${f.gitOid ? `, git object ${f.gitOid}` : ' (LFS)'}`);
  }
  ctx.log.info(`  recorded in ${join(dest, 'download.json')}`);
  return useModelDir(ctx, dest);
}
