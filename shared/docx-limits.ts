/** What a Word upload may be (the worker enforces it; the web checks first, so a person learns before sending). */
export const DOCX_MAX_BYTES = 10 * 1024 * 1024;
export const DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/** The multipart form field that carries the file. */
export const DOCX_FORM_FIELD = "file";
