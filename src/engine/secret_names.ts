/**
 * The names of credentials, shared by the secret filter's cues (secret_filter.ts) and its tables
 * (secret_tables.ts). Regular-expression sources, matched case-insensitively.
 */

/**
 * The words that restore an account or a wallet, named by two words whose head is an ordinary noun
 * (`seed phrase`, `recovery words`, `backup codes`, `wallet mnemonic`, `SEED_PHRASE`): their value
 * is a run of English words (BIP-39), so it is a secret exactly as a passphrase is.
 */
const RECOVERY_NAMES = String.raw`(?:seed|recovery|mnemonic|backup|wallet)[-_\s]*(?:phrase|words?|sentence|keys?|codes?|mnemonic)`;

/** Credential names whose value is a secret even when it is an English word (`password=dragon`). */
export const STRONG_KEY_NAMES = String.raw`pass(?:word|wd|phrase|code)?|pwd|pw|pin|secret|token|api[-_]?key|apikey|private[-_]?key|access[-_]?key|client[-_]?secret|otp|ssn|iban|cvv|mnemonic|${RECOVERY_NAMES}`;

/**
 * Prose that announces a secret right before the cursor or a word: `pass: `, `password is `,
 * `the pin is `, `my PIN was `, `code `, `passcode = `, `API key: `, `PW: `, `passcode - `,
 * `"password": "`, `DB_PASSWORD=`, `Wifi password? `. "code" and "key" are ordinary words too, so
 * after them only a colon, "is"/"was" or "=" announces a value, or a value that is not a plain
 * lower-case word (`code X7Q2`). A key may be one word of a compound (`db_password`, `MYSQL-PASSWORD`).
 */
export const SECRET_NAMES = String.raw`${RECOVERY_NAMES}|pass(?:word|wd|phrase|code)?|pwd|pw|pin(?:\s+(?:code|number))?|secret(?:[-_\s]+(?:word|answer|code|key))?|token|[th]?otp|one[-\s]time\s+(?:code|password)|cvv|ssn|iban|api[-_\s]?key|private[-_\s]?key|access[-_\s]?key|client[-_\s]?secret`;

/**
 * Column names of a table whose cells are credentials, beyond SECRET_NAMES: a `Credentials`,
 * `Recovery codes`, `PIN-Code`, `CVC`, `OTPAuth` or `Security answer` column. Not prose cues: "credentials" in a sentence announces no value.
 */
export const TABLE_CREDENTIAL_NAMES = String.raw`${SECRET_NAMES}|credentials?|(?:recovery|backup|2fa|mfa)[-_\s]+codes?|pin[-_\s]*(?:code|no|#)|cvc|otp[-_\s]*auth|security[-_\s]+(?:code|answer)`;

/**
 * A credential's unambiguous names, which label a value when one opens its line (`Password marmalade`,
 * `- PIN 4821`, secret_filter.ts's LABEL_NAME). Not `pass`, `pin`, `token`, `secret`, which open sentences too.
 */
export const LABEL_NAMES = String.raw`${RECOVERY_NAMES}|pass(?:word|wd|phrase|code)|pwd|pw|pin[-_ ]?(?:code|number)|api[-_ ]?key|private[-_ ]?key|access[-_ ]?key|client[-_ ]?secret|otp|cvv|ssn|iban`;

/**
 * "code" and "key" of ordinary compound nouns, whose value is no credential (`Dress code: casual`,
 * `Zip code: 90210`, `Error code: 404`, `Primary key: id`): the weak cues (secret_filter.ts) read
 * "code" and "key" only when no such word stands before them. A closed list, and only of compounds
 * whose value is public; a code that opens something (door, alarm, gift card, voucher, sort code) stays a cue.
 */
export const ORDINARY_CODE_WORDS = String.raw`dress|zip|postal|post|area|source|error|exit|status|return|country|language|colou?r|qr|bar|morse|tax|building|penal|program|machine|airport|product|course|promo|discount|coupon|dialling|dialing|html|iso|style|emoji`;
export const ORDINARY_KEY_WORDS = String.raw`primary|foreign|unique|composite|hash|sort|map|lookup|partition|answer|music|musical|arrow|shift|enter|escape|tab|function|modifier|piano|major|minor|house|car|room`;
