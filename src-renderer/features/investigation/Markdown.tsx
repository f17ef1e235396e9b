import { Box } from '@mui/material';
import ReactMarkdown from 'react-markdown';

/** Markdown as formatted text. Raw HTML is dropped, never rendered, so a note cannot inject markup. */
export function Markdown({ text }: { text: string }) {
  return (
    <Box sx={{ '& > :first-of-type': { mt: 0 }, '& > :last-child': { mb: 0 }, overflowWrap: 'anywhere' }}>
      <ReactMarkdown skipHtml>{text}</ReactMarkdown>
    </Box>
  );
}
