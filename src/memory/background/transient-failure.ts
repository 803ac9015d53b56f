import { ModelUnavailableError, StorageError } from "../../config/errors.js";

/** Whether a job that failed this way should be kept and retried: storage (Chroma) failures and model outages or timeouts. */
export const isTransientFailure = (error: unknown): boolean => error instanceof StorageError || error instanceof ModelUnavailableError;
