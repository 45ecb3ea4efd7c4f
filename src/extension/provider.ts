/**
 * Ghost text: the engine's phrase as one inline completion on automatic triggers; the ranked
 * candidates when the person cycles (Alt+] / Alt+[ / the hover toolbar ask with triggerKind Invoke).
 */
import * as vscode from 'vscode';
import { cycleOf, type Cycling } from './cycling';
import { inlineTexts, replaceStartColumn } from './edit_range';
import { isAt, type Predictions } from './predictions';

export class ProseCompletionProvider implements vscode.InlineCompletionItemProvider {
  constructor(
    private readonly predictions: Predictions,
    private readonly cycling?: Cycling,
  ) {}

  async provideInlineCompletionItems(
    doc: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionList | undefined> {
    // With the suggest widget open, an item must extend the selected suggestion; ours never does.
    if (context.selectedCompletionInfo) return undefined;
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
    if (entry) return new vscode.InlineCompletionList([new vscode.InlineCompletionItem(entry.text, range)]);
    const cycling = context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke;
    const texts = inlineTexts(phrase, candidates.map((c) => c.text), cycling)
      // Ghost text can only extend what is typed; anything else would render as a replacement.
      .filter((t) => t.startsWith(typed) && t.length > typed.length);
    return new vscode.InlineCompletionList(texts.map((t) => new vscode.InlineCompletionItem(t, range)));
  }
}
