/**
 * Ghost text: the engine's phrase as one inline completion on automatic triggers; the ranked
 * candidates when the person cycles (Alt+] / Alt+[ / the hover toolbar ask with triggerKind Invoke).
 */
import * as vscode from 'vscode';
import { cycleOf, type Cycling } from './cycling';
import { inlineTexts, replaceStartColumn } from './edit_range';
import type { Manners } from './manners';
import { isAt, type PredictionAt, type Predictions } from './predictions';
import { triggerWait, waitUnlessCancelled, type Trigger } from './quiet';

/** What the provider needs besides predictions: the trigger settings and the after-accept command. */
export interface ProviderManners {
  manners: Manners;
  trigger: () => { trigger: Trigger; triggerDelayMs: number };
}

/** How long after offering a prediction's first word its grown phrase may still be offered (ms). */
const REGROW_WITHIN_MS = 1000;

export class ProseCompletionProvider implements vscode.InlineCompletionItemProvider {
  /** The prediction the last answer offered as ghost text (undefined when it offered none). */
  private offered: PredictionAt | undefined;
  private offeredAt = 0;
  private regrowing: PredictionAt | undefined;

  constructor(
    private readonly predictions: Predictions,
    private readonly cycling?: Cycling,
    private readonly extra?: ProviderManners,
  ) {}

  /**
   * Whether the ghost text was last offered for `r`: only then may its grown phrase be offered by
   * asking VS Code again. In manual-trigger mode, or during a trigger delay, the strip's prediction
   * grows too, and asking then would show ghost text nobody asked for.
   */
  offers(r: PredictionAt): boolean {
    // Escape hides ghost text without asking the provider: a phrase that comes long after the offer
    // must not bring back what the person dismissed. It normally follows within tens of ms.
    return this.offered === r && Date.now() - this.offeredAt <= REGROW_WITHIN_MS;
  }

  /**
   * VS Code is about to be asked again because `r`'s phrase grew: that ask comes as an explicit
   * invoke, but it is answered like a keystroke's (the phrase alone, not the list for cycling).
   */
  regrow(r: PredictionAt): void {
    this.regrowing = r;
  }

  async provideInlineCompletionItems(
    doc: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionList | undefined> {
    this.offered = undefined;
    try {
      return await this.answer(doc, position, context, token);
    } finally {
      // Whatever the answer, a regrow ask is answered once.
      this.regrowing = undefined;
    }
  }

  private async answer(
    doc: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionList | undefined> {
    // With the suggest widget open, an item must extend the selected suggestion; ours never does.
    if (context.selectedCompletionInfo) return undefined;
    // Manual trigger: only an explicit ask (Alt+\, cycling). A trigger delay: typing waits for a pause.
    const t = this.extra?.trigger();
    const wait = t ? triggerWait(t.trigger, context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke, t.triggerDelayMs) : 0;
    if (wait === 'skip' || !(await waitUnlessCancelled(wait, token))) return undefined;
    const r = await this.predictions.at(doc, position, token);
    // Stale answers are never shown: the document or cursor may have moved while the model ran.
    if (!r || token.isCancellationRequested || !isAt(r, doc, position)) return undefined;
    const lineBefore = doc.lineAt(position.line).text.slice(0, position.character);
    const { typed, phrase, candidates } = r.prediction;
    const start = replaceStartColumn(lineBefore, typed);
    if (start === undefined) return undefined;
    const range = new vscode.Range(position.line, start, position.line, position.character);
    // Alt+] / Alt+[ chose a candidate: offer exactly that one, the one the strip marks.
    const chosen = this.cycling?.indexFor(r);
    const entry = chosen === undefined ? undefined : cycleOf(r).find((e) => e.index === chosen);
    // After VS Code inserts an item (Tab, or Ctrl+Right on its last word), the automatic space and
    // the chance to revert with Backspace follow (manners.ts).
    const item = (text: string): vscode.InlineCompletionItem =>
      new vscode.InlineCompletionItem(text, range, this.extra?.manners.command({ uri: doc.uri.toString(), line: position.line, start, typed, inserted: text }));
    if (entry) return new vscode.InlineCompletionList([item(entry.text)]);
    this.offered = r;
    this.offeredAt = Date.now();
    const cycling = context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke && this.regrowing !== r;
    const texts = inlineTexts(phrase, candidates.map((c) => c.text), cycling)
      // Ghost text can only extend what is typed; anything else would render as a replacement.
      .filter((t) => t.startsWith(typed) && t.length > typed.length);
    return new vscode.InlineCompletionList(texts.map(item));
  }
}
