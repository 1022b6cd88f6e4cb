/** The professional status titles SET awards and lists on the register (ATS-41; QTLS records are kept by staff). */
export enum StatusTitle {
  ATS = 'ATS',
  QTLS = 'QTLS',
}
