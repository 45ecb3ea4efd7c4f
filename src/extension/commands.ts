/** Command registrations; each handler is a thin call into the module that owns the behaviour. */
import * as vscode from 'vscode';
import { writeSetting } from './config';
import type { Ctx } from './ctx';
import { downloadGpt2, useEmbeddedModel, useModelFromDisk } from './model_commands';
import type { Strip } from './strip';

export function registerCommands(ctx: Ctx, strip: Strip, globalStorage: vscode.Uri): vscode.Disposable[] {
  const reg = vscode.commands.registerCommand;
  return [
    reg('predictiveKeyboard.toggle', async () => {
      const on = !ctx.settings.enabled;
      // Turning on after an error is the natural way to retry.
      if (on) ctx.resetError();
      await writeSetting('enabled', on);
      ctx.log.info(`Predictions turned ${on ? 'on' : 'off'}.`);
    }),
    reg('predictiveKeyboard.showOutput', () => ctx.log.show()),
    reg('predictiveKeyboard.pickCandidate', (n: unknown) => strip.pick(typeof n === 'number' ? n : 1)),
    reg('predictiveKeyboard.chooseCandidate', () => strip.choose()),
    reg('predictiveKeyboard.useModelFromDisk', () => useModelFromDisk(ctx)),
    reg('predictiveKeyboard.useEmbeddedModel', () => useEmbeddedModel(ctx)),
    reg('predictiveKeyboard.downloadGpt2', () => downloadGpt2(ctx, globalStorage)),
  ];
}
