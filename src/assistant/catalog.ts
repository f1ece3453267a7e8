// The structured side of the knowledge base, for the matchers: subsidy programs with their
// front matter, starter projects, the partner registry and the taxonomies. Retrieval works
// on passages; matching works on these fields.
import type { KnowledgeDoc, StarterFrontMatter, SubsidyFrontMatter } from '../domain/knowledge.ts';
import type { Partner } from '../domain/partner.ts';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSidecar } from '../knowledge/loaders/pdf.ts';
import { listSources, loadSource, type Problem } from '../knowledge/sources.ts';
import { loadTaxonomy, type Taxonomy } from '../knowledge/taxonomy.ts';

export type SubsidyDoc = Pick<KnowledgeDoc, 'id' | 'title' | 'sourceUrl' | 'asOf' | 'body'> & { meta: SubsidyFrontMatter };
export type StarterDoc = Pick<KnowledgeDoc, 'id' | 'title' | 'sourceUrl' | 'asOf' | 'body'> & { meta: StarterFrontMatter };

export type Catalog = {
  subsidies: SubsidyDoc[];
  starters: StarterDoc[];
  /** Every loaded document by id (guides, bcp, faq too), for titles and citations. */
  docs: Map<string, KnowledgeDoc>;
  partners: Partner[];
  /** Document id of the registry the partners came from (for citations): partners/sample-registry. */
  registryDocId?: string;
  taxonomy: Taxonomy;
  problems: Problem[];
};

/** `reuse`: the listing and taxonomy openKnowledge already read, so start-up reads each file once. */
export async function loadCatalog(
  knowledgeDirs: string[],
  registryFile?: string,
  reuse: { listed?: ReturnType<typeof listSources>; taxonomy?: Taxonomy } = {},
): Promise<Catalog> {
  const { files, problems } = reuse.listed ?? listSources(knowledgeDirs, registryFile);
  const taxonomy = reuse.taxonomy ?? loadTaxonomy(knowledgeDirs);
  const catalog: Catalog = { subsidies: [], starters: [], docs: new Map(), partners: [], taxonomy, problems: [...problems] };
  for (const file of files) {
    if (file.type === 'pdf') {
      // the text is for retrieval; the sidecar names the document (title, aliases) for understanding
      const doc = describePdf(file.id, file.path);
      if (doc) catalog.docs.set(file.id, doc);
      continue;
    }
    const loaded = await loadSource(file);
    catalog.problems.push(...loaded.problems);
    for (const doc of loaded.docs) {
      catalog.docs.set(doc.id, doc);
      if (doc.kind === 'subsidy') catalog.subsidies.push(doc as unknown as SubsidyDoc);
      if (doc.kind === 'starter') catalog.starters.push(doc as unknown as StarterDoc);
    }
    if (file.type === 'registry') {
      catalog.partners.push(...loaded.partners);
      catalog.registryDocId ??= file.id;
    }
  }
  return catalog;
}

/**
 * A PDF as its sidecar describes it, without reading the PDF (the body stays empty). No sidecar,
 * or a broken one, gives nothing here: indexing reports a broken sidecar once, with the PDF.
 */
function describePdf(id: string, file: string): KnowledgeDoc | undefined {
  const sidecarFile = `${file}.yaml`;
  if (!existsSync(sidecarFile)) return undefined;
  try {
    const sidecar = parseSidecar(sidecarFile, readFileSync(sidecarFile, 'utf8'));
    const title = sidecar.title ?? path.basename(file, path.extname(file));
    return { id, kind: sidecar.kind, title, sourceUrl: sidecar.source_url, asOf: sidecar.as_of, path: file, body: '', meta: { ...sidecar, title }, hash: '' };
  } catch {
    return undefined;
  }
}
