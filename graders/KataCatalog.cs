using MlKatas.Grading;

namespace MlKatas.Graders;

/// <summary>Every kata's grader, in catalogue order.</summary>
public static class KataCatalog
{
    /// <summary>All graders.</summary>
    public static IReadOnlyList<KataGrader> All { get; } =
    [
        new LogisticRegressionGrader(),
        new KMeansGrader(),
        new SparseAttentionGrader(),
        new DpoLossGrader(),
        new RewardModelLossGrader(),
        new SequenceLogProbsGrader(),
        new SoftmaxGrader(),
        new CrossEntropyLossGrader(),
        new LayerNormGrader(),
        new ScaledDotProductAttentionGrader(),
        new MultiHeadAttentionGrader(),
        new RotaryEmbeddingGrader(),
        new SoftMarginSvmGrader(),
        new LinearRegressionGrader(),
        new RidgeRegressionGrader(),
        new KMeansPlusPlusGrader(),
        new PcaGrader(),
        new PcaPowerIterationGrader(),
        new RocAucGrader(),
        new ClassificationMetricsGrader(),
        new KNearestNeighborsGrader(),
        new GaussianNaiveBayesGrader(),
        new LassoRegressionGrader(),
        new SoftmaxRegressionGrader(),
        new LinearSvmPrimalGrader(),
        new GaussianMixtureEmGrader(),
        new DecisionTreeSplitGrader(),
        new GeneralizedAdvantageEstimationGrader(),
        new PpoClippedObjectiveGrader(),
        new GrpoAdvantagesGrader(),
        new Conv2dGrader(),
        new MlpBackpropGrader(),
        new LinearBackwardGrader(),
        new AdaBoostGrader(),
        new BatchNormGrader(),
        new LstmCellGrader(),
        new SinusoidalPositionalEncodingGrader(),
        new LoraLinearGrader(),
        new GroupedQueryAttentionGrader(),
        new KvCacheDecodingGrader(),
        new ClipGradNormGrader(),
        new LrScheduleGrader(),
        new SgdMomentumGrader(),
        new AdamOptimizerGrader(),
        new KlPenaltyGrader(),
        new UcbBanditGrader(),
        new ValueIterationGrader(),
        new ReinforceBaselineGrader(),
        new ActivationsGrader(),
        new RmsNormGrader(),
        new DropoutGrader(),
        new MaxPool2dGrader(),
        new InfoNceLossGrader(),
        new BlockSparseAttentionGrader(),
        new MoeRoutingGrader(),
        new FlashAttentionGrader(),
        new SamplingGrader(),
        new BeamSearchGrader(),
        new BpeTokenizerGrader(),
        new GlobalLocalAttentionGrader(),
    ];

    /// <summary>The grader of <paramref name="slug"/>, or null.</summary>
    public static KataGrader? Find(string slug) => All.FirstOrDefault(g => g.Spec.Slug == slug);
}
