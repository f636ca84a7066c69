/**
 * A session's export (`export.json`, `export.csv`) saved as a file: fetched (signed in by the
 * cookie, so an error can be shown in the page), then handed to the browser as a Blob under
 * the name the server gave it.
 */
import { ApiError, SCRIPT_HEADER } from '../shared/api.ts';
import { filenameOf } from './exportFileName.ts';

export type ExportFormat = 'json' | 'csv';

export async function downloadExport(sessionId: string, format: ExportFormat): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/export.${format}`, { headers: SCRIPT_HEADER });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(res.status, body?.error?.code ?? 'unavailable', body?.error?.message ?? `HTTP ${res.status}`);
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filenameOf(res.headers.get('content-disposition')) ?? `session-${sessionId}.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
