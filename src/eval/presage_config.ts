/**
 * The Presage configuration every yardstick run uses. Written per run into the run's own HOME, so
 * nothing is read from or learned into the person's ~/.presage.
 *
 * Starting point is Debian's /etc/presage.xml, changed only where a fair, repeatable measurement
 * needs it:
 * - learning off: ContextTracker ONLINE_LEARNING=no, LEARN=false, and the per-user n-gram
 *   predictor (which learns into $HOME/.presage/lm.db) left out;
 * - the abbreviation-expansion predictor left out (it expands a fixed list of abbreviations; not a
 *   language model);
 * - REPEAT_SUGGESTIONS=yes, so every query is answered from its context alone, as our engine
 *   answers it (with "no", Presage hides words it already offered for the current word, which
 *   makes an answer depend on the queries before it);
 * - the n-gram database and the number of suggestions are parameters.
 * Kept as shipped: the smoothed trigram predictor (DELTAS 0.01 0.1 0.89), the recency predictor
 * (a cache of the words in the text itself), lowercase mode, the Meritocracy combination.
 */
export interface PresageConfigOptions {
  database: string;
  suggestions: number;
  /** Presage as shipped: online learning on, into the n-gram database (give it a private copy). */
  learning?: boolean;
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function presageConfigXml(options: PresageConfigOptions): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<Presage>
  <PredictorRegistry>
    <LOGGER>ERROR</LOGGER>
    <PREDICTORS>DefaultSmoothedNgramPredictor DefaultRecencyPredictor</PREDICTORS>
  </PredictorRegistry>
  <ContextTracker>
    <LOGGER>ERROR</LOGGER>
    <SLIDING_WINDOW_SIZE>80</SLIDING_WINDOW_SIZE>
    <LOWERCASE_MODE>yes</LOWERCASE_MODE>
    <ONLINE_LEARNING>${options.learning ? 'yes' : 'no'}</ONLINE_LEARNING>
  </ContextTracker>
  <Selector>
    <LOGGER>ERROR</LOGGER>
    <SUGGESTIONS>${options.suggestions}</SUGGESTIONS>
    <REPEAT_SUGGESTIONS>yes</REPEAT_SUGGESTIONS>
    <GREEDY_SUGGESTION_THRESHOLD>0</GREEDY_SUGGESTION_THRESHOLD>
  </Selector>
  <PredictorActivator>
    <LOGGER>ERROR</LOGGER>
    <PREDICT_TIME>1000</PREDICT_TIME>
    <MAX_PARTIAL_PREDICTION_SIZE>60</MAX_PARTIAL_PREDICTION_SIZE>
    <COMBINATION_POLICY>Meritocracy</COMBINATION_POLICY>
  </PredictorActivator>
  <ProfileManager>
    <LOGGER>ERROR</LOGGER>
    <AUTOPERSIST>false</AUTOPERSIST>
  </ProfileManager>
  <Predictors>
    <DefaultSmoothedNgramPredictor>
      <PREDICTOR>SmoothedNgramPredictor</PREDICTOR>
      <LOGGER>ERROR</LOGGER>
      <DBFILENAME>${escapeXml(options.database)}</DBFILENAME>
      <DELTAS>0.01 0.1 0.89</DELTAS>
      <LEARN>${options.learning ? 'true' : 'false'}</LEARN>
      <DatabaseConnector>
        <LOGGER>ERROR</LOGGER>
      </DatabaseConnector>
    </DefaultSmoothedNgramPredictor>
    <DefaultRecencyPredictor>
      <PREDICTOR>RecencyPredictor</PREDICTOR>
      <LOGGER>ERROR</LOGGER>
      <LAMBDA>1</LAMBDA>
      <N_0>1</N_0>
      <CUTOFF_THRESHOLD>20</CUTOFF_THRESHOLD>
    </DefaultRecencyPredictor>
  </Predictors>
</Presage>
`;
}
