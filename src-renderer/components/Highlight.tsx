import { Box } from '@mui/material';
import { highlight } from '../../src-shared/search/highlight';

/** Text with the words of a search query marked. */
export function Highlight({ text, query }: { text: string; query: string }) {
  if (!query.trim()) return <>{text}</>;
  return <Marks segments={highlight(text, query)} />;
}

/** Runs of text, those that match in a <mark>. */
export function Marks({ segments }: { segments: readonly { text: string; match: boolean }[] }) {
  return (
    <>
      {segments.map((seg, i) =>
        seg.match ? (
          <Box
            component="mark"
            key={i}
            sx={{ bgcolor: 'warning.light', color: 'inherit', borderRadius: 0.5, px: 0.25 }}
          >
            {seg.text}
          </Box>
        ) : (
          <span key={i}>{seg.text}</span>
        ),
      )}
    </>
  );
}
