"""Key drivers: which steps or aspects drive an overall outcome, by Shapley value regression."""
