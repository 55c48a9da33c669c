import { DEFAULT_CHUNK_LIMITS, type ChunkLimits } from './chunk-writer';
import { DEFAULT_REBUILD_WORKSPACE, type RebuildWorkspaceOptions } from './rebuild-workspace';

/** How a rebuild keeps documents in memory and writes them: see RebuildWorkspace and ChunkWriter. */
export interface RebuildLimits extends RebuildWorkspaceOptions, ChunkLimits {}

export const DEFAULT_REBUILD_LIMITS: RebuildLimits = { ...DEFAULT_REBUILD_WORKSPACE, ...DEFAULT_CHUNK_LIMITS };
