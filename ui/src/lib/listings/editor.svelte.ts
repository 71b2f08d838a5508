// The state of one open draft, shared by the editor's sections through context:
// the body being typed, the core's last verdict on it, autosave and the overrides.
// What the seller types is never replaced by an answer from the core; only `load()`
// and a restore put a stored body into the editor.
import { getContext, setContext } from 'svelte';
import { backend } from '../backend';
import { toAppError, type AppError } from '../backend/errors';
import type { DraftBody, DraftView, Issue, RuleOverride } from '../backend/types';
import { Autosave, type SaveState } from './autosave';
import type { ListingDraft } from './draftModel';
import { issuesByInput } from './fieldPath';
import { applyOverrides, olderPack } from './report';

const NO_ISSUES: readonly Issue[] = [];

export class DraftEditorState {
  view = $state<DraftView | null>(null);
  draft = $state<ListingDraft | null>(null);
  loadError = $state<AppError | null>(null);
  saveState = $state<SaveState>('saved');
  saveError = $state<AppError | null>(null);
  overrideError = $state<AppError | null>(null);
  savedAt = $state<string | null>(null);
  /** Field paths that have an input in the form (kept by the editor's DOM observer). */
  available = $state<ReadonlySet<string>>(new Set());

  /** The core's report with the overrides as they are now (a click shows at once). */
  report = $derived(
    this.view && this.draft ? applyOverrides(this.view.report, this.draft.overrides, this.view.globalOverrides) : null,
  );
  byInput = $derived(issuesByInput(this.report?.issues ?? [], this.available));
  editable = $derived(this.view?.status === 'draft' || this.view?.status === 'rejected');
  checkedWith = $derived(this.view?.draft.checked_with_pack ?? null);
  stalePack = $derived(this.view ? olderPack(this.checkedWith, this.view.packVersion) : false);

  readonly autosave: Autosave<DraftBody>;
  /** JSON of the body last scheduled or loaded: a change is anything else. */
  private baseline = '';

  constructor(readonly id: number) {
    this.autosave = new Autosave<DraftBody>(
      (body) => this.save(body),
      (s) => (this.saveState = s),
    );
  }

  private async save(body: DraftBody): Promise<void> {
    if (!this.view) return;
    try {
      const next = await backend().call('save_draft', { id: this.id, revision: this.view.revision, draft: body });
      this.view = next;
      this.savedAt = next.updatedAt;
      this.saveError = null;
    } catch (thrown) {
      this.saveError = toAppError(thrown);
      throw thrown;
    }
  }

  private take(v: DraftView): void {
    const body = structuredClone(v.draft);
    this.baseline = JSON.stringify(body);
    this.view = v;
    this.draft = body;
    this.savedAt = v.updatedAt;
  }

  async load(): Promise<void> {
    this.loadError = null;
    try {
      this.take(await backend().call('get_draft', { id: this.id }));
    } catch (thrown) {
      this.loadError = toAppError(thrown);
    }
  }

  /** Schedules a save when the body differs from what was last scheduled or loaded. */
  noticeChanges(): void {
    if (!this.draft) return;
    const body = $state.snapshot(this.draft) as DraftBody;
    const json = JSON.stringify(body);
    if (json === this.baseline || !this.editable) return;
    this.baseline = json;
    this.autosave.schedule(body);
  }

  flush(): Promise<void> {
    this.noticeChanges();
    return this.autosave.flush();
  }

  /** After a conflict: take the stored revision and save what was typed on top of it. */
  async keepMine(): Promise<void> {
    try {
      this.view = await backend().call('get_draft', { id: this.id });
      this.saveError = null;
      await this.autosave.flush();
    } catch (thrown) {
      this.saveError = toAppError(thrown);
    }
  }

  /** After a conflict: drop what was typed and load the stored version. */
  async takeSaved(): Promise<void> {
    this.autosave.discard();
    this.saveError = null;
    await this.load();
  }

  issuesAt(path: string): readonly Issue[] {
    return this.byInput.get(path) ?? NO_ISSUES;
  }

  /** Whether an input holds an error or warning (infos do not mark it invalid). */
  invalidAt(path: string): boolean {
    return this.issuesAt(path).some((i) => i.severity !== 'info');
  }

  setDraftOverride(ruleId: string, value: RuleOverride | null): void {
    if (!this.draft) return;
    if (value === null) delete this.draft.overrides.rules[ruleId];
    else this.draft.overrides.rules[ruleId] = value;
    void this.flush();
  }

  async setGlobalOverride(ruleId: string, value: RuleOverride | null): Promise<void> {
    this.overrideError = null;
    try {
      const global = await backend().call('set_global_override', { ruleId, override: value });
      if (this.view) this.view.globalOverrides = global;
      // Let the core re-check with the new overrides; what it says replaces the local view.
      await this.flush();
      const fresh = await backend().call('get_draft', { id: this.id });
      if (this.view && fresh.revision === this.view.revision) this.view = fresh;
    } catch (thrown) {
      this.overrideError = toAppError(thrown);
    }
  }

  /**
   * Makes an old revision the newest; what is typed is saved first so nothing is lost.
   * False (and nothing restored) when what is typed could not be saved.
   */
  async restore(fromRevision: number): Promise<boolean> {
    await this.flush();
    if (this.autosave.dirty || !this.view) return false;
    const v = await backend().call('restore_draft', { id: this.id, revision: this.view.revision, fromRevision });
    this.take(v);
    return true;
  }

  async preview(): Promise<string> {
    if (!this.draft) return '';
    const r = await backend().call('preview_draft', { draft: $state.snapshot(this.draft) as DraftBody });
    return r.html;
  }
}

const KEY = Symbol('draft-editor');

export function provideEditor(editor: DraftEditorState): void {
  setContext(KEY, editor);
}

export function useEditor(): DraftEditorState {
  const editor = getContext<DraftEditorState | undefined>(KEY);
  if (!editor) throw new Error('useEditor() outside the draft editor');
  return editor;
}
