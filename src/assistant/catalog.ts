// The structured side of the knowledge base, for the matchers: subsidy programs with their
// front matter, starter projects, the partner registry and the taxonomies. Retrieval works
// on passages; matching works on these fields.
import type { KnowledgeDoc, StarterFrontMatter, SubsidyFrontMatter } from '../domain/knowledge.ts';
import type { Partner } from '../domain/partner.ts';
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
    if (file.type === 'pdf') continue; // PDFs carry no structured fields; retrieval covers them
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
