import { Box } from '@mui/material';
import ReactMarkdown from 'react-markdown';

interface MarkdownNode {
  type: string;
  children?: MarkdownNode[];
}

// Raw HTML in a note ("Called back. <No answer> left voicemail") is shown as the text typed: it is
// neither rendered (a note cannot inject markup) nor dropped (the officer's words stay).
function htmlAsText(node: MarkdownNode) {
  if (node.type === 'html') node.type = 'text';
  node.children?.forEach(htmlAsText);
}
const remarkHtmlAsText = () => htmlAsText;

/** Markdown as formatted text; raw HTML shows as written, never as markup. */
export function Markdown({ text }: { text: string }) {
  return (
    <Box sx={{ '& > :first-of-type': { mt: 0 }, '& > :last-child': { mb: 0 }, overflowWrap: 'anywhere' }}>
      <ReactMarkdown remarkPlugins={[remarkHtmlAsText]}>{text}</ReactMarkdown>
    </Box>
  );
}
