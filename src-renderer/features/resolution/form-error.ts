// Kept for the communications tab, which still imports it from here; the helper lives with the
// other form helpers in components/schema-form.
export { formError } from '../../components/schema-form';
