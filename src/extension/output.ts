/** The "Predictive Keyboard" Output channel: model loads, errors, slow requests, settings warnings. */
import * as vscode from 'vscode';

export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Predictive Keyboard', { log: true });
  /** Messages already shown once, so a failure repeated on every keystroke logs once, not hundreds of times. */
  private readonly once = new Set<string>();

  info(message: string): void {
    this.channel.info(message);
  }
  warn(message: string): void {
    this.channel.warn(message);
  }
  error(message: string): void {
    this.channel.error(message);
  }
  /** Logs `message` as an error the first time `key` is seen (until `resetOnce`). */
  errorOnce(key: string, message: string): void {
    if (this.once.has(key)) return;
    this.once.add(key);
    this.channel.error(message);
  }
  resetOnce(): void {
    this.once.clear();
  }
  show(): void {
    this.channel.show(true);
  }
  dispose(): void {
    this.channel.dispose();
  }
}
