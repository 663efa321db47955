export { checkProject, type FileReport, type ProjectReport } from './check-project';
export { formatStylish } from './format-stylish';
