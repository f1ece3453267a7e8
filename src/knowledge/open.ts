// Opens the knowledge base for a Config: the persisted index when it is fresh, else an
// incremental (re)build. The tokenizer dictionary loads while the index is read.
import type { Config } from '../config.ts';
import { createEmbeddings, embedderFingerprint, type ConceptLexicon } from './embeddings.ts';
import { indexDirOf, isFresh, loadIndex, readManifest, type KnowledgeIndex } from './index-store.ts';
import { ingest, type IngestReport } from './ingest.ts';
import { HybridRetriever } from './retriever.ts';
import { listSources } from './sources.ts';
import { conceptLexicon, loadTaxonomy, type Taxonomy } from './taxonomy.ts';
import { analyzerId, loadAnalyzer } from './tokenize.ts';

export type Knowledge = {
  retriever: HybridRetriever;
  index: KnowledgeIndex;
  taxonomy: Taxonomy;
  lexicon: ConceptLexicon;
  /** The files listed (read and hashed) for this open, for others to reuse. */
  sources: ReturnType<typeof listSources>;
  /** Set when this call had to (re)build the index. */
  report?: IngestReport;
};

export async function openKnowledge(
  config: Pick<Config, 'knowledgeDirs' | 'registryFile' | 'dataDir' | 'openai'>,
  opts: { force?: boolean } = {},
): Promise<Knowledge> {
  const taxonomy = loadTaxonomy(config.knowledgeDirs);
  const lexicon = conceptLexicon(taxonomy);
  const analyzerLoading = loadAnalyzer(lexicon);
  const fingerprint = embedderFingerprint(config, lexicon);
  const dir = indexDirOf(config.dataDir);
  const manifest = readManifest(dir);
  const listed = listSources(config.knowledgeDirs, config.registryFile);
  const { files } = listed;

  let index: KnowledgeIndex | undefined;
  if (!opts.force && isFresh(manifest, files, analyzerId(lexicon), fingerprint)) {
    index = await loadIndex(dir, manifest).catch(() => undefined); // damaged: rebuild below
  }
  const analyzer = await analyzerLoading;
  const embedder = createEmbeddings(config, analyzer, lexicon);
  let report: IngestReport | undefined;
  if (!index) {
    ({ index, report } = await ingest({
      roots: config.knowledgeDirs,
      registryFile: config.registryFile,
      dataDir: config.dataDir,
      analyzer,
      embedder,
      force: opts.force,
      listed,
    }));
  }
  return { retriever: new HybridRetriever(index, analyzer, embedder.embeddings), index, taxonomy, lexicon, sources: listed, report };
}
