// Loads knowledge/taxonomy/*.yaml (capabilities, prefectures, concepts). A root without a
// taxonomy falls back to the one shipped with tsunagu, so a deployer's own knowledge root
// only needs documents.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { DEFAULT_KNOWLEDGE_DIR } from '../config.ts';
import { CapabilityTaxonomy, ConceptGroups, PrefectureTaxonomy, type Capability, type Prefecture } from '../domain/taxonomy.ts';
import { ConceptLexicon, type ConceptGroup } from './embeddings.ts';
import { parseYamlWith } from './loaders/yaml.ts';

export type Taxonomy = {
  capabilities: Capability[];
  prefectures: Prefecture[];
  concepts: ConceptGroup[];
};

function readYaml<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  return parseYamlWith(file, readFileSync(file, 'utf8'), schema);
}

/** The first root that has the file, else the built-in knowledge. */
function findTaxonomyFile(roots: string[], name: string): string | undefined {
  for (const root of [...roots, DEFAULT_KNOWLEDGE_DIR]) {
    const file = path.join(root, 'taxonomy', name);
    if (existsSync(file)) return file;
  }
  return undefined;
}

export function loadTaxonomy(roots: string[]): Taxonomy {
  const capFile = findTaxonomyFile(roots, 'capabilities.yaml');
  const prefFile = findTaxonomyFile(roots, 'prefectures.yaml');
  const conceptFile = findTaxonomyFile(roots, 'concepts.yaml');
  return {
    capabilities: capFile ? readYaml(capFile, CapabilityTaxonomy).capabilities : [],
    prefectures: prefFile ? readYaml(prefFile, PrefectureTaxonomy).prefectures : [],
    concepts: conceptFile ? readYaml(conceptFile, ConceptGroups).concepts : [],
  };
}

/** Concept groups for the embedder: the concept file plus one group per capability (name + synonyms). */
export function conceptLexicon(taxonomy: Taxonomy): ConceptLexicon {
  return new ConceptLexicon([
    ...taxonomy.concepts,
    ...taxonomy.capabilities.map((c) => ({ id: `cap-${c.id}`, terms: [c.name, ...c.synonyms] })),
  ]);
}
