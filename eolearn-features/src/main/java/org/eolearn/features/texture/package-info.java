/**
 * The texture tasks of eo-learn's 2018 toolbox, which eo-learn later removed: {@link
 * org.eolearn.features.texture.HaralickTask} (GLCM textures, kernel {@link org.eolearn.features.texture.Glcm}),
 * {@link org.eolearn.features.texture.LocalBinaryPatternTask} (uniform LBP, kernel {@link
 * org.eolearn.features.texture.Lbp}) and {@link org.eolearn.features.texture.HOGTask} (histogram of oriented
 * gradients, kernel {@link org.eolearn.features.texture.Hog}), computed as eo-learn's last version of them does with
 * scikit-image 0.19; registered by {@link org.eolearn.features.texture.TextureTaskProvider}.
 */
package org.eolearn.features.texture;
