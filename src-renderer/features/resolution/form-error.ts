export { formError } from '../../components/schema-form';
