// Each kata is timed against its reference; katas graded side by side on a 2-core machine would slow each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
