import { type Bitmap, emptyBitmap, RoaringBitmap32 } from "./bitmaps.ts";

/** A word's slots: anywhere, in the title (weight A), in the organisation (weight B). */
interface Postings {
  all: Bitmap;
  title: Bitmap | null;
  organisation: Bitmap | null;
}

/** The slots whose words start with a query term, by where they occur (for ranking). */
export interface TermMatch {
  all: Bitmap;
  title: Bitmap;
  organisation: Bitmap;
}

/** A document's words, as the stored tsvector has them (see `search-text.ts`). */
export interface DocumentWords {
  all: readonly string[];
  title: readonly string[];
  organisation: readonly string[];
}

const CACHE_LIMIT = 512;

/**
 * Words → bitmaps of slots, with prefix search over a sorted word list. A term's match is the union
 * over every word it prefixes; unions are cached per term and kept exact as documents are added,
 * so a popular prefix like "dig" is computed once, not once per search.
 */
export class TermIndex {
  private readonly postings = new Map<string, Postings>();
  private sortedWords: string[] = [];
  private sortedDirty = false;
  private readonly cache = new Map<string, TermMatch>();

  get wordCount(): number {
    return this.postings.size;
  }

  /** Adds many documents' slots at once; used by the rebuild, whose slots only grow. */
  addBatch(batch: ReadonlyArray<{ slot: number; words: DocumentWords }>): void {
    const groups = new Map<string, { all: number[]; title: number[]; organisation: number[] }>();
    const group = (word: string) => {
      let entry = groups.get(word);
      if (!entry) {
        entry = { all: [], title: [], organisation: [] };
        groups.set(word, entry);
      }
      return entry;
    };
    for (const { slot, words } of batch) {
      for (const word of words.all) group(word).all.push(slot);
      for (const word of words.title) group(word).title.push(slot);
      for (const word of words.organisation) group(word).organisation.push(slot);
    }
    for (const [word, slots] of groups) {
      const postings = this.postingsFor(word);
      postings.all.addMany(slots.all);
      if (slots.title.length > 0) {
        postings.title ??= emptyBitmap();
        postings.title.addMany(slots.title);
      }
      if (slots.organisation.length > 0) {
        postings.organisation ??= emptyBitmap();
        postings.organisation.addMany(slots.organisation);
      }
    }
    this.cache.clear();
  }

  /** Adds one live document and keeps the cached unions of its words' prefixes exact. */
  add(slot: number, words: DocumentWords): void {
    const title = new Set(words.title);
    const organisation = new Set(words.organisation);
    for (const word of words.all) {
      const postings = this.postingsFor(word);
      postings.all.add(slot);
      if (title.has(word)) {
        postings.title ??= emptyBitmap();
        postings.title.add(slot);
      }
      if (organisation.has(word)) {
        postings.organisation ??= emptyBitmap();
        postings.organisation.add(slot);
      }
      for (let length = 1; length <= word.length; length++) {
        const cached = this.cache.get(word.slice(0, length));
        if (!cached) continue;
        cached.all.add(slot);
        if (title.has(word)) cached.title.add(slot);
        if (organisation.has(word)) cached.organisation.add(slot);
      }
    }
  }

  /** Slots having a word that starts with `term` (removed slots included: callers AND with live). */
  match(term: string): TermMatch {
    const cached = this.cache.get(term);
    if (cached) {
      // Most recently used last, so the oldest is the first to go.
      this.cache.delete(term);
      this.cache.set(term, cached);
      return cached;
    }
    const all: Bitmap[] = [];
    const title: Bitmap[] = [];
    const organisation: Bitmap[] = [];
    for (const word of this.wordsStartingWith(term)) {
      const postings = this.postings.get(word);
      if (!postings) continue;
      all.push(postings.all);
      if (postings.title) title.push(postings.title);
      if (postings.organisation) organisation.push(postings.organisation);
    }
    const result: TermMatch = {
      all: RoaringBitmap32.orMany(all),
      title: RoaringBitmap32.orMany(title),
      organisation: RoaringBitmap32.orMany(organisation),
    };
    this.cache.set(term, result);
    if (this.cache.size > CACHE_LIMIT) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return result;
  }

  private postingsFor(word: string): Postings {
    let postings = this.postings.get(word);
    if (!postings) {
      postings = { all: emptyBitmap(), title: null, organisation: null };
      this.postings.set(word, postings);
      this.sortedDirty = true;
    }
    return postings;
  }

  private *wordsStartingWith(term: string): Generator<string> {
    if (this.sortedDirty) {
      // Plain code-unit order, so every word with a given prefix is one contiguous run.
      this.sortedWords = [...this.postings.keys()].sort();
      this.sortedDirty = false;
    }
    const words = this.sortedWords;
    let low = 0;
    let high = words.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((words[middle] as string) < term) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < words.length && (words[i] as string).startsWith(term); i++)
      yield words[i] as string;
  }
}
