/** Chroma's client types, for the layers above records that hold a client or collection without calling chromadb themselves. */
export type { ChromaClient, Collection, Metadata } from "chromadb";
